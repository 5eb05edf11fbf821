// `npm run library:keygen [-- <private key file>]`: a new Ed25519 key pair for signing the library.
import { existsSync, writeFileSync } from 'node:fs';
import { generateSigningKey } from './keys';

const file = process.argv[2] ?? 'library-signing-key.pem';
if (existsSync(file)) {
  console.error(`${file} sudah ada; tidak ditimpa / already exists; not overwritten.`);
  process.exit(1);
}
const { privatePem, publicKey } = generateSigningKey();
writeFileSync(file, privatePem, { mode: 0o600 });
console.log(`Kunci privat / private key: ${file} (simpan rahasia, jangan di repositori / keep secret, never in a repository)`);
console.log(`publicKey (untuk pengaturan dan kebijakan / for settings and policy):\n${publicKey}`);
