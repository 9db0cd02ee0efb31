// compose's rule for project names, which become part of every container, network and volume name.
export const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;

export const PROJECT_NAME_RULE = "use lower-case letters, digits, '_' or '-', starting with a letter or digit";

/** Why `name` cannot be a project name, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  return PROJECT_NAME.test(name) ? undefined : `project name ${JSON.stringify(name)} is not valid; ${PROJECT_NAME_RULE}`;
}
