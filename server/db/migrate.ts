import { Migrator, type Migration as KyselyMigration, type MigrationProvider } from 'kysely'
import type { Db } from '../core/db'
import type { Migration } from './migrations/helpers'
import { foundation } from './migrations/001_foundation'
import { content } from './migrations/002_content'
import { proposals } from './migrations/003_proposals'
import { discussions } from './migrations/004_discussions'
import { surveys } from './migrations/005_surveys'
import { paperBatches } from './migrations/006_paper_batches'
import { invitations } from './migrations/007_invitations'
import { unitHouseholds } from './migrations/008_unit_households'
import { referrals } from './migrations/009_referrals'
import { surveyCells } from './migrations/010_survey_cells'
import { media } from './migrations/011_media'
import { indexes } from './migrations/012_indexes'
import { pushLog } from './migrations/013_push_log'
import { affairs } from './migrations/014_affairs'
import { searchTerms } from './migrations/015_search_terms'
import { unitContact } from './migrations/017_unit_contact'
import { surveyResults } from './migrations/018_survey_results'
import { ownMarks } from './migrations/019_own_marks'

// Ordered by name; append new migrations, never edit a released one.
const MIGRATIONS: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_content': content,
  '003_proposals': proposals,
  '004_discussions': discussions,
  '005_surveys': surveys,
  '006_paper_batches': paperBatches,
  '007_invitations': invitations,
  '008_unit_households': unitHouseholds,
  '009_referrals': referrals,
  '010_survey_cells': surveyCells,
  '011_media': media,
  '012_indexes': indexes,
  '013_push_log': pushLog,
  '014_affairs': affairs,
  '015_search_terms': searchTerms,
  '017_unit_contact': unitContact,
  '018_survey_results': surveyResults,
  '019_own_marks': ownMarks,
}

export async function migrateToLatest(db: Db): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, KyselyMigration> = {}
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (k) => m.up(k, db.dialect) }
      return out
    },
  }
  const { error, results } = await new Migrator({
    db: db.kysely,
    provider,
    // Numbers are handed out ahead of time, so one may land after a higher one has already run somewhere.
    allowUnorderedMigrations: true,
    // Kysely looks for its own tables across all schemas unless told which one is ours.
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  }).migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}: ${String(error)}`)
}
