// A build context the engine fetches itself (a git repository or an http(s) tarball) rather than a
// folder beside the manifest. compose-go's rule (isRemoteContext, after buildkit's dockerui): these
// prefixes. Such a context is kept as written, never checked on disk, and sent to the engine as `remote`.
const REMOTE_PREFIXES = ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'];

export function isRemoteContext(context: string): boolean {
  return REMOTE_PREFIXES.some((prefix) => context.startsWith(prefix));
}
