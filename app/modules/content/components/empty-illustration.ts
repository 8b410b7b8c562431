/** Content's empty-state picture: a product card with an image and a search result, inline so it needs no network (sized: an SVG without a size collapses in the empty state's flex box). */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="188" viewBox="0 0 240 200">
<rect x="30" y="28" width="110" height="144" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<rect x="46" y="44" width="78" height="64" rx="6" fill="#a4e8f2"/>
<circle cx="70" cy="66" r="9" fill="#ffffff"/>
<path d="M50 104l24-22 16 14 12-10 22 18z" fill="#6fd0e0"/>
<rect x="46" y="122" width="70" height="9" rx="4.5" fill="#d4d4d4"/>
<rect x="46" y="140" width="48" height="9" rx="4.5" fill="#d4d4d4"/>
<rect x="118" y="70" width="96" height="70" rx="10" fill="#ffffff" stroke="#8a8a8a" stroke-width="2"/>
<rect x="130" y="84" width="54" height="7" rx="3.5" fill="#b4fed2"/>
<rect x="130" y="98" width="72" height="9" rx="4.5" fill="#1a0dab" opacity="0.6"/>
<rect x="130" y="114" width="64" height="7" rx="3.5" fill="#d4d4d4"/>
<rect x="130" y="126" width="44" height="7" rx="3.5" fill="#d4d4d4"/>
</svg>`;

export const EMPTY_CONTENT_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
