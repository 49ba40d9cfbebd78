// What the terminal pages need from xterm.js: the terminal and the addon that sizes it to its box.
export { Terminal } from "@xterm/xterm";
export { FitAddon } from "@xterm/addon-fit";
