/**
 * The article HTML policy against known XSS payloads (OWASP's filter-evasion
 * cheat sheet and friends) and against what a merchant's editor produces.
 */
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from './html-policy';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src=" &#14;  javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example/">x</a>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<body onload=alert(1)>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
  '<form action="https://evil.example"><input name=a><button>go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<base href="https://evil.example/">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<<script>script>alert(1)<</script>/script>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
];

/** Nothing in the output can run: no script-ish tag, no handler, no dangerous scheme. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<\s*(script|iframe|svg|math|object|embed|meta|link|base|form|input|button|style|body)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\/\//i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
}

describe('sanitizeArticleHtml', () => {
  it.each(PAYLOADS)('leaves nothing runnable of %s', (payload) => {
    const clean = sanitizeArticleHtml(payload);
    expectInert(clean);
    // Cleaning is stable: what comes out goes through unchanged.
    expect(sanitizeArticleHtml(clean)).toBe(clean);
  });

  it('drops a script with its content, keeps the text around it', () => {
    expect(sanitizeArticleHtml('<p>Hello<script>steal(document.cookie)</script> world</p>')).toBe('<p>Hello world</p>');
  });

  it('keeps a link and an image, dropping only their handlers', () => {
    expect(
      sanitizeArticleHtml(
        '<a href="https://maple.example/care" onclick="x()">care</a><img src="https://cdn.example/a.jpg" alt="A mug" onerror="x()">',
      ),
    ).toBe('<a href="https://maple.example/care">care</a><img src="https://cdn.example/a.jpg" alt="A mug" />');
  });

  it('keeps what the editor makes: headings, emphasis, lists, quotes, mailto links', () => {
    const html =
      '<h2>Care</h2><p><strong>Wash</strong> <em>cold</em>, <u>flat</u> <s>never</s> dry.</p>' +
      '<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>' +
      '<p><a href="mailto:hello@maple.example">Write to us</a><br /></p><hr /><pre><code>x</code></pre>';
    expect(sanitizeArticleHtml(html)).toBe(html);
  });

  it('turns an h1 into h2, a div into a paragraph, b and i into strong and em', () => {
    expect(sanitizeArticleHtml('<h1>Title</h1><div>line <b>bold</b> <i>it</i></div>')).toBe(
      '<h2>Title</h2><p>line <strong>bold</strong> <em>it</em></p>',
    );
  });

  it('makes a link that opens a new tab safe, and drops a target other than _blank', () => {
    expect(sanitizeArticleHtml('<a href="https://x.example" target="_blank" rel="opener">x</a>')).toBe(
      '<a href="https://x.example" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizeArticleHtml('<a href="https://x.example" target="_top" rel="opener">x</a>')).toBe(
      '<a href="https://x.example">x</a>',
    );
  });

  it('drops classes and styles, keeps entities escaped', () => {
    expect(sanitizeArticleHtml('<p class="x" style="color:red">a &lt;b&gt; &amp; c</p>')).toBe(
      '<p>a &lt;b&gt; &amp; c</p>',
    );
  });
});
