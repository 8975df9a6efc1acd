// The import pipeline on the server: holds uploaded files while they are mapped and dry-run, runs
// core/import's readers and checks, and commits through import.repository.ts.
import type { FastifyInstance } from 'fastify'
import type {
  CommitRequest,
  CommitResult,
  DryRunRequest,
  DryRunResult,
  ImportSummary,
  ImportUploadResult,
} from '../../../core/api'
import { AppError } from '../../plugins/errors'

const notYet = () => new AppError(501, 'NOT_IMPLEMENTED', 'the import pipeline is being built')

export class ImportService {
  constructor(readonly app: FastifyInstance) {}
  async upload(_filename: string, _body: Buffer | undefined): Promise<ImportUploadResult> {
    throw notYet()
  }
  async list(): Promise<ImportSummary[]> {
    throw notYet()
  }
  async summary(_id: number): Promise<ImportSummary> {
    throw notYet()
  }
  async dryRun(_id: number, _request: DryRunRequest): Promise<DryRunResult> {
    throw notYet()
  }
  problemsCsv(_id: number): string {
    throw notYet()
  }
  preview(_id: number): string {
    throw notYet()
  }
  async commit(_id: number, _request: CommitRequest): Promise<CommitResult> {
    throw notYet()
  }
  async rollback(_id: number, _request: CommitRequest): Promise<CommitResult> {
    throw notYet()
  }
}
