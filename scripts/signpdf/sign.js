// Signs a PDF with @signpdf, an implementation independent of tdkt, so that tdkt's tests
// can check that pades verifies signatures it did not write and signs on top of them.
// Usage: node sign.js IN.pdf OUT.pdf KEY.p12 PASSWORD [reason]
const fs = require('fs');
const { plainAddPlaceholder } = require('@signpdf/placeholder-plain');
const { P12Signer } = require('@signpdf/signer-p12');
const signpdf = require('@signpdf/signpdf').default;

async function main() {
  const [inPath, outPath, p12Path, passphrase, reason = 'Signed'] = process.argv.slice(2);
  if (!p12Path) {
    throw new Error('usage: node sign.js IN.pdf OUT.pdf KEY.p12 PASSWORD [reason]');
  }
  // @signpdf writes its strings as UTF-8 bytes, not as PDF text strings: keep them ASCII.
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: fs.readFileSync(inPath),
    reason,
    contactInfo: '',
    name: 'signpdf',
    location: 'Viet Nam',
    signatureLength: 16384,
  });
  const signer = new P12Signer(fs.readFileSync(p12Path), { passphrase });
  fs.writeFileSync(outPath, await signpdf.sign(withPlaceholder, signer));
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
