// Validate every annotation of a W3C AnnotationCollection (treaty export --format w3c)
// against the Web Annotation Data Model. Items inherit the collection's @context.
// Usage: node validate.js FILE; exit code 1 when any annotation is invalid.
const validate = require('validate-web-annotation')
const fs = require('fs')

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
if (doc.type !== 'AnnotationCollection' || !doc.first || !Array.isArray(doc.first.items)) {
  console.error('not an AnnotationCollection with a first page of items')
  process.exit(1)
}
let bad = 0
for (const item of doc.first.items) {
  const annotation = Object.assign({ '@context': doc['@context'] }, item)
  if (!validate(annotation)) {
    bad++
    console.error(`invalid: ${item.id}: ${JSON.stringify(validate.errors || 'does not match the model')}`)
  }
}
console.log(`${doc.first.items.length - bad} of ${doc.first.items.length} annotations valid`)
process.exit(bad ? 1 : 0)
