/** QR codes as rows of modules, for the room's join link and the cluster's join command. */
import { encode } from 'uqr';

/** The rows of a QR code of `text`: '1' dark, '0' light, with the quiet zone scanners need. */
export function qrRows(text: string): string[] {
  const { data } = encode(text, { ecc: 'M', border: 2 });
  return data.map((row) => row.map((dark) => (dark ? '1' : '0')).join(''));
}
