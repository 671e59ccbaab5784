// Whether a Content-Type or Accept value is one of the API's binary media types. API Gateway
// matches the media type without parameters, and accepts `type/*` and `*/*` wildcards.

export function isBinaryMediaType(value: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!value || binaryMediaTypes.length === 0) return false;
  // For an Accept header only the first media type counts.
  const mediaType = value.split(',')[0]!.split(';')[0]!.trim().toLowerCase();
  const [type, subtype] = mediaType.split('/');
  if (!type || !subtype) return false;
  return binaryMediaTypes.some((binary) => {
    const [binaryType, binarySubtype] = binary.toLowerCase().split('/');
    return (binaryType === '*' || binaryType === type) && (binarySubtype === '*' || binarySubtype === subtype);
  });
}
