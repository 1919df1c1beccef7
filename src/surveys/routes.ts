// Where the survey pages live. Residents' pages are in the main package; the committee's in the
// `committee` subpackage (loaded only by those who open them).

export const SURVEYS_TAB = '/pages/surveys/index'
export const SURVEY_ANSWER_PAGE = '/more/surveys/answer'
export const SURVEY_SUMMARY_PAGE = '/more/surveys/summary'

export const COMMITTEE_SURVEYS_PAGE = '/committee/surveys/index'
export const COMMITTEE_SURVEY_EDIT_PAGE = '/committee/surveys/edit'
export const COMMITTEE_SURVEY_DETAIL_PAGE = '/committee/surveys/detail'
export const COMMITTEE_SURVEY_PAPER_PAGE = '/committee/surveys/paper'
export const INDICATORS_PAGE = '/committee/indicators/index'
export const INDICATOR_INPUTS_PAGE = '/committee/indicators/inputs'

export const answerUrl = (id: number) => `${SURVEY_ANSWER_PAGE}?id=${id}`
