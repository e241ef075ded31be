import QRCode from 'qrcode';

/** A QR code as a PNG for printing (medium error correction: survives a fold or a smudge). */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
}
