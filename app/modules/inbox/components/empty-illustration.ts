/** The inbox's empty-state picture: an envelope and a speech bubble, inline so it needs no network (sized: an SVG without a size collapses in the empty state's flex box). */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="188" viewBox="0 0 240 200">
<rect x="30" y="60" width="150" height="104" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<path d="M34 68l71 52 71-52" fill="none" stroke="#8a8a8a" stroke-width="3" stroke-linejoin="round"/>
<rect x="120" y="24" width="96" height="62" rx="14" fill="#ffffff" stroke="#8a8a8a" stroke-width="3"/>
<path d="M142 86l-6 18 22-18" fill="#ffffff" stroke="#8a8a8a" stroke-width="3" stroke-linejoin="round"/>
<rect x="136" y="42" width="56" height="8" rx="4" fill="#b4fed2"/>
<rect x="136" y="58" width="40" height="8" rx="4" fill="#a4e8f2"/>
</svg>`;

export const EMPTY_INBOX_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
