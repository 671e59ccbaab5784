export const DEFAULT_QUERY = `# The GraphQL explorer of the local AppSync API.
#
# Choose above how requests are sent: with the API key (a guest, who may read the catalog)
# or signed in to the Cognito user pool (pick a demo user to fill in the form).
# Headers typed in the Headers tab are added to every request and win over the bar's.
# The schema's documentation is in the Docs panel (the book icon on the left).
# Run with Ctrl-Enter or the pink button. Subscriptions (signed in) show each update as it
# comes, until stopped with the same button.

query Catalog {
  getProducts(limit: 3) {
    products {
      productId
      name
      price
    }
    nextToken
  }
}
`;
