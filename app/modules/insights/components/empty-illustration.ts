/** Insights' empty-state picture: a bar chart with a rising line, inline so it needs no network. */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="200" viewBox="0 0 240 200">
<rect x="30" y="30" width="180" height="140" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<rect x="56" y="112" width="22" height="38" rx="4" fill="#a4e8f2"/>
<rect x="90" y="92" width="22" height="58" rx="4" fill="#b4fed2"/>
<rect x="124" y="100" width="22" height="50" rx="4" fill="#ffd79d"/>
<rect x="158" y="70" width="22" height="80" rx="4" fill="#b4fed2"/>
<path d="M56 96 L90 74 L124 82 L168 50" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
<circle cx="168" cy="50" r="6" fill="#303030"/>
</svg>`;

export const EMPTY_INSIGHTS_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
