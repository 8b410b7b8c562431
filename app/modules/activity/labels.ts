/** Who did it and what it was about, as the page and the export show them in the reader's language. */
import type { i18n as I18n } from 'i18next';

export function actorLabel(i18n: I18n, actor: { type: string; id: string | null; name: string | null }): string {
  if (actor.name) return actor.name;
  if (actor.type === 'customer' && !actor.id) return i18n.t('activity.actors.guest');
  return actorTypeLabel(i18n, actor.type);
}

export function actorTypeLabel(i18n: I18n, type: string): string {
  const key = `activity.actors.${type}`;
  return i18n.exists(key) ? i18n.t(key) : type;
}

export function resourceTypeLabel(i18n: I18n, type: string): string {
  const key = `activity.resourceTypes.${type}`;
  return i18n.exists(key) ? i18n.t(key) : type.replace(/_/g, ' ');
}

export function verbLabel(i18n: I18n, verb: string): string {
  const key = `activity.verbs.${verb}`;
  return i18n.exists(key) ? i18n.t(key) : verb.replace(/_/g, ' ');
}

/** The resource's title, else its type and id ("Product · ID 8123"). */
export function resourceLabel(i18n: I18n, resource: { type: string; id: string | null; title: string | null }): string {
  if (resource.title) return resource.title;
  const type = resourceTypeLabel(i18n, resource.type);
  return resource.id ? `${type} · ${i18n.t('activity.noTitle', { id: resource.id })}` : type;
}
