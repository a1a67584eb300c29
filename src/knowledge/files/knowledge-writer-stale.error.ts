import { AppError } from '../../shared/app.error.ts';

/**
 * A knowledge file changed on disk since the server loaded it (an edit it has not loaded yet, or
 * one that does not validate), so writing into it now would build on knowledge nobody reviewed.
 * Nothing was written; the HTTP edge answers 409.
 */
export class KnowledgeFileStaleError extends AppError {
  constructor(readonly file: string) {
    super(
      'knowledge_file_changed',
      `${file} changed on disk since the server loaded it, and that change is not being served yet (it is ` +
        'being reloaded, or it does not validate: see the server log). Nothing was written. Wait for the ' +
        'reload (or fix the file), look at the suggestion again, and accept it then.',
    );
  }
}
