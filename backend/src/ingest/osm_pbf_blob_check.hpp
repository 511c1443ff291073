#pragma once

#include <string>

namespace pitstop {

// Walks the blobs of an OSM PBF file without decoding them and checks each
// BlobHeader: it must parse, be at most 64 KiB, have the type "OSMHeader" (the
// first blob) or "OSMData" (every later blob) and a datasize that fits in the
// file. libosmium 2.19 compares the type with strncmp over the stored type's
// length, so it accepts a type cut short ("OSM") and a missing one, for which
// it passes a null pointer to strncmp (undefined behaviour). Throws
// DataFileError naming the path, the byte offset of the BlobHeader and what is
// wrong.
void check_osm_pbf_blob_headers(const std::string& path);

}  // namespace pitstop
