/** The privacy page's empty-state picture: a shield over a document, inline so it needs no network. */
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="200" viewBox="0 0 240 200">
<rect x="52" y="24" width="118" height="150" rx="12" fill="#f1f1f1" stroke="#c9c9c9" stroke-width="2"/>
<rect x="72" y="52" width="78" height="10" rx="5" fill="#d4d4d4"/>
<rect x="72" y="76" width="62" height="10" rx="5" fill="#d4d4d4"/>
<rect x="72" y="100" width="70" height="10" rx="5" fill="#d4d4d4"/>
<path d="M172 96l34 12v24c0 22-15 38-34 46-19-8-34-24-34-46v-24z" fill="#ffffff" stroke="#8a8a8a" stroke-width="3" stroke-linejoin="round"/>
<path d="M158 136l10 10 20-22" fill="none" stroke="#29845a" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export const PRIVACY_EMPTY_IMAGE = `data:image/svg+xml,${encodeURIComponent(SVG)}`;
