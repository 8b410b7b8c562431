/** The Sync page's empty-state picture: a shop and two arrows going round, inline so it needs no network (sized, as an SVG without a size collapses in the empty state). */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="188" viewBox="0 0 240 200">
<rect x="36" y="70" width="110" height="96" rx="10" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<path d="M30 74l14-34h94l14 34z" fill="#a4e8f2" stroke="#8a8a8a" stroke-width="2" stroke-linejoin="round"/>
<rect x="58" y="112" width="28" height="54" rx="4" fill="#d4d4d4"/>
<rect x="98" y="104" width="32" height="26" rx="4" fill="#ffffff" stroke="#c9c9c9" stroke-width="2"/>
<circle cx="184" cy="118" r="36" fill="#ffffff" stroke="#8a8a8a" stroke-width="3"/>
<path d="M166 108a20 20 0 0 1 34-6" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round"/>
<path d="M202 90v13h-13" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M202 128a20 20 0 0 1-34 6" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round"/>
<path d="M166 146v-13h13" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export const EMPTY_SYNC_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
