/** The page's one file input, so that Ctrl+O and the Open button reach it. */
let input: HTMLInputElement | null = null;

export function registerFileInput(el: HTMLInputElement | null): void {
  input = el;
}

export function openFilePicker(): void {
  input?.click();
}
