// Vite's `?raw` imports (a file's text), used to check committed configuration.
declare module '*?raw' {
  const text: string;
  export default text;
}
