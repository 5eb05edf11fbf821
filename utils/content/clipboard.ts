// The officer's clipboard: the fallback when a composer takes no text, and the card's "Salin teks".
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
