// The fourth network's composer page, with the site's own model of the text and files.
export function mountFixture(doc: Document): { text(): string; files(): File[] } {
  let text = '';
  let files: File[] = [];
  doc.body.innerHTML = `<span class="account__display-name">@humas_malang@mastodon.social</span>
<form class="compose-form"><textarea name="status" placeholder="What's on your mind?"></textarea>
<input type="file" accept="image/*"><div class="compose-form__uploads"></div><button type="submit">Publish</button></form>`;
  const area = doc.querySelector('textarea')!;
  area.addEventListener('input', () => (text = area.value));
  const input = doc.querySelector<HTMLInputElement>('input[type="file"]')!;
  input.addEventListener('change', () => {
    files = Array.from(input.files ?? []);
    doc.querySelector('.compose-form__uploads')!.innerHTML = files.map((f) => `<div class="compose-form__upload">${f.name}</div>`).join('');
  });
  return { text: () => text, files: () => files };
}
