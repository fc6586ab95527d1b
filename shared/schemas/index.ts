export * from './common';
export * from './enums';
export * from './programme';
export * from './records';
