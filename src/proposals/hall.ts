// The 议事厅 topic opened with a proposal. The 议事厅 pages are another capability's; link to its topic
// page only once that route exists in app.config.ts, otherwise the proposal page names the topic in text.

/** The 议事厅 topic page, or null while it does not exist yet. */
export const HALL_TOPIC_PAGE: string | null = '/pages/hall/topic'

export function topicUrl(topicId: number): string | null {
  return HALL_TOPIC_PAGE ? `${HALL_TOPIC_PAGE}?id=${topicId}` : null
}
