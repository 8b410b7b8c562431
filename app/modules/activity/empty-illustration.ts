/** The activity log's empty-state picture: a log sheet with a clock, inline so it needs no network (sized: an SVG without a size collapses in the empty state's flex box). */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="188" viewBox="0 0 240 200">
<rect x="40" y="24" width="130" height="160" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<rect x="60" y="52" width="18" height="18" rx="4" fill="#b4fed2"/>
<rect x="88" y="56" width="62" height="10" rx="5" fill="#d4d4d4"/>
<rect x="60" y="86" width="18" height="18" rx="4" fill="#a4e8f2"/>
<rect x="88" y="90" width="50" height="10" rx="5" fill="#d4d4d4"/>
<rect x="60" y="120" width="18" height="18" rx="4" fill="#ffd79d"/>
<rect x="88" y="124" width="56" height="10" rx="5" fill="#d4d4d4"/>
<circle cx="176" cy="140" r="34" fill="#ffffff" stroke="#8a8a8a" stroke-width="3"/>
<path d="M176 120v20l13 9" fill="none" stroke="#303030" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export const EMPTY_ACTIVITY_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
