/**
 * Text widths without a DOM: the layout must size boxes in the language server and the CLI, where
 * nothing can measure text. Widths are Arial/Helvetica advance widths (per 1000 em) with a margin,
 * so the common UI fonts (Segoe UI, SF, DejaVu Sans) fit in the boxes.
 */
const ASCII_WIDTHS =
  // space ! " # $ % & ' ( ) * + , - . /
  '278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 ' +
  // 0-9
  '556 556 556 556 556 556 556 556 556 556 ' +
  // : ; < = > ? @
  '278 278 584 584 584 556 1015 ' +
  // A-Z
  '667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 ' +
  // [ \ ] ^ _ `
  '278 278 278 469 556 333 ' +
  // a-z
  '556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 ' +
  // { | } ~
  '334 260 334 584';

const WIDTHS: readonly number[] = ASCII_WIDTHS.trim().split(/\s+/).map(Number);

/** Wider fonts than Arial are common in editors: leave this much room. */
const SAFETY = 1.16;

/** Estimated width in pixels of `text` at `fontSize` (bold is about 10 % wider). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code < 127 ? WIDTHS[code - 32]! : code > 0x2e80 ? 1000 : 600;
  }
  return (units / 1000) * fontSize * SAFETY * (bold ? 1.1 : 1);
}

/** Shortens `text` with an ellipsis so it fits in `maxWidth`. */
export function fitText(text: string, fontSize: number, maxWidth: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(chars.slice(0, mid).join('') + '…', fontSize, bold) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}
