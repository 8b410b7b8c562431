/** The Studio's empty-state picture: a photo with a mountain and a sun, and a brush; inline (no network) and sized (an SVG without a size collapses in the empty state). */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="188" viewBox="0 0 240 200">
<rect x="34" y="30" width="150" height="120" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<rect x="48" y="44" width="122" height="92" rx="6" fill="#ffffff"/>
<circle cx="140" cy="70" r="12" fill="#ffd79d"/>
<path d="M48 136 l38 -46 l26 30 l16 -18 l42 34 Z" fill="#a4e8f2"/>
<path d="M48 136 l38 -46 l26 30" fill="none" stroke="#8a8a8a" stroke-width="2" stroke-linejoin="round"/>
<g transform="rotate(38 188 128)">
<rect x="180" y="70" width="16" height="70" rx="6" fill="#b4fed2" stroke="#303030" stroke-width="3"/>
<path d="M180 140 h16 l-3 20 q-5 8 -10 0 Z" fill="#303030"/>
</g>
</svg>`;

export const EMPTY_STUDIO_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
