/// Files the rule examples refer to, served in place of the file system when
/// the examples run (tests, `pipec explain`).
package let exampleFiles: [String: String] = [
  "label_map.pbtxt": "item { id: 1 name: \"cat\" }\nitem { id: 2 name: \"dog\" }\n",
]
