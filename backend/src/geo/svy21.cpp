#include "geo/svy21.hpp"

#include <stdexcept>

#include <proj.h>

namespace pitstop {
namespace {

class Svy21Transform {
 public:
  Svy21Transform() : context_(proj_context_create()) {
    PJ* raw = proj_create_crs_to_crs(context_, "EPSG:4326", "EPSG:3414", nullptr);
    if (raw == nullptr) {
      proj_context_destroy(context_);
      throw std::runtime_error("PROJ cannot create the EPSG:4326 to EPSG:3414 transformation: "
                               "install proj-data (proj.db)");
    }
    // Longitude first, latitude second, whatever axis order the CRS defines.
    transform_ = proj_normalize_for_visualization(context_, raw);
    proj_destroy(raw);
  }

  ~Svy21Transform() {
    proj_destroy(transform_);
    proj_context_destroy(context_);
  }

  Svy21Transform(const Svy21Transform&) = delete;
  Svy21Transform& operator=(const Svy21Transform&) = delete;

  Svy21Point apply(LatLon point) const {
    const PJ_COORD result = proj_trans(transform_, PJ_FWD, proj_coord(point.lon, point.lat, 0, 0));
    return {result.xy.x, result.xy.y};
  }

 private:
  PJ_CONTEXT* context_;
  PJ* transform_ = nullptr;
};

}  // namespace

Svy21Point to_svy21(LatLon point) {
  thread_local const Svy21Transform transform;
  return transform.apply(point);
}

}  // namespace pitstop
