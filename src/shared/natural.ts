import { createRequire } from 'node:module';

type Natural = typeof import('natural');

const require = createRequire(import.meta.url);
// natural loads sylvester, which replaces the global Math.sign with one that returns 1 for 0 (for
// the whole process, botbuilder and our own code included). Load it here, once, and put it back.
const sign = Math.sign;
const natural = require('natural') as Natural;
Math.sign = sign;

/**
 * The `natural` NLP library, without its side effect on `Math.sign`. Import it from here, never
 * from 'natural' directly.
 */
export default natural;
