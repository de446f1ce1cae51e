/**
 * The one empty list that records, loop states and indexes share where theirs is empty: at 50,000 cases there are
 * hundreds of thousands of such lists, each an object of its own otherwise. Frozen, so that a change in place fails
 * instead of reaching every holder; nothing changes these lists in place (every change makes a new one).
 */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/** EMPTY_LIST where a type asks for a list that could be changed (though these never are). */
export const emptyList = <T>(): T[] => EMPTY_LIST as unknown as T[];
