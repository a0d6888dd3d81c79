import type { NotifierType } from './types';

/** Every channel pages can leave by. Adding one is one line here. */
export const notifierTypes = {} satisfies Record<string, NotifierType>;

export type NotifierTypeName = keyof typeof notifierTypes;

export function getNotifierType(name: string): NotifierType {
  const type = (notifierTypes as Record<string, NotifierType>)[name];
  if (!type) throw new Error(`no notifier type "${name}"`);
  return type;
}
