/** The element builder the field app shares with the resident pages (text always goes in as text nodes). */
export { h, mount } from '../resident/dom';
