// The schema the bare and peer servers serve: the product as the API answers it, and the one
// query the benchmark sends (the runtime serves the whole schema).
export const PRODUCT_SCHEMA_SDL = `
  type Package { width: Int! length: Int! height: Int! weight: Int! }
  type Product {
    productId: ID!
    name: String!
    description: String
    category: String!
    tags: [String!]!
    pictures: [String!]!
    price: Int!
    package: Package!
    stock: Int!
    createdDate: String!
    modifiedDate: String!
  }
  type Query { getProduct(productId: ID!): Product }
`;
