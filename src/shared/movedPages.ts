// Pages that left the main package for the `more` subpackage (see src/app.config.ts), old path → new.
// Links made before the move still name the old path: share cards and printed posters, subscribe
// messages already sent, invitation links, bookmarks. app.tsx sends such a link on (onPageNotFound, in
// the mini-program and in H5 alike).
export const MOVED_PAGES: Readonly<Record<string, string>> = {
  'pages/proposals/detail': 'more/proposals/detail',
  'pages/proposals/submit': 'more/proposals/submit',
  'pages/proposals/mine': 'more/proposals/mine',
  'pages/proposals/notifications': 'more/proposals/notifications',
  'pages/surveys/answer': 'more/surveys/answer',
  'pages/surveys/summary': 'more/surveys/summary',
  'pages/hall/compose': 'more/hall/compose',
  'pages/referrals/index': 'more/referrals/index',
  'pages/invite/index': 'more/invite/index',
}

/** Where a link to a page that is no longer there should go (with its query), or null if it never moved. */
export function movedPageUrl(path: string, query: Record<string, unknown> = {}): string | null {
  const to = MOVED_PAGES[path.replace(/^\/+/, '').split('?')[0]]
  if (!to) return null
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `/${to}${q.length ? `?${q.join('&')}` : ''}`
}
