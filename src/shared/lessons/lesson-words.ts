/** How the lessons word sizes and shares in their headlines and exports. */

/** A payload size: "64 KB", "16 MB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${+(bytes / 1024).toFixed(1)} KB`;
}

/** A percentage with a decimal below 10%, so a small loss never reads as "0%" (headlines). */
export function percent(share: number): string {
  return `${share > 0 && share < 10 ? share.toFixed(1) : Math.round(share)}%`;
}

/** A percentage for a report's table: whole from 1%, up to two decimals below (exports). */
export function percentText(share: number): string {
  return `${share >= 1 || share === 0 ? Math.round(share) : +share.toFixed(2)}%`;
}
