import type { CoreTables } from '../core/tables'
import type { AccountTables } from '../accounts/tables'
import type { CommunityTables } from '../community/tables'
import type { ContentTables } from '../content/tables'
import type { NotificationTables } from '../notifications/tables'
import type { ProposalTables } from '../proposals/tables'
import type { DiscussionTables } from '../discussions/tables'
import type { ModerationTables } from '../moderation/tables'
import type { SurveyTables } from '../surveys/tables'
import type { IndicatorTables } from '../indicators/tables'
import type { StaffTables } from '../staff/tables'
import type { MediaTables } from '../media/tables'
import type { SearchTables } from '../search/tables'
import type { AffairsTables } from '../affairs/tables'

// Kysely's view of the database: each capability declares its own tables (its tables.ts). Timestamps
// are ISO-8601 UTC strings and flags are 0/1 integers, so one set of migrations and queries serves
// SQLite and PostgreSQL alike.
export interface Database
  extends CoreTables,
    AccountTables,
    CommunityTables,
    ContentTables,
    NotificationTables,
    ProposalTables,
    DiscussionTables,
    ModerationTables,
    SurveyTables,
    IndicatorTables,
    StaffTables,
    MediaTables,
    SearchTables,
    AffairsTables {}
