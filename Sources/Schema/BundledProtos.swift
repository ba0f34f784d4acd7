package let bundledProtos: [BundledProto] = []
