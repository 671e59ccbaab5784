/** How a user's Cognito groups read in the explorer: a user in no group is a customer. */
export function describeGroups(groups: readonly string[]): string {
  return groups.length > 0 ? groups.join(', ') : 'none (customer)';
}
