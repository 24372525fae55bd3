// Sets a bar's width through CSSOM. The CSP (style-src 'self') blocks style attributes, and Lit's styleMap
// writes one on first render; a ref callback writes element.style instead, which CSP allows.
import { ref } from 'lit/directives/ref.js';

export function barWidth(fraction: number) {
  const width = `${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(2)}%`;
  return ref((element) => {
    if (element instanceof HTMLElement) element.style.width = width;
  });
}
