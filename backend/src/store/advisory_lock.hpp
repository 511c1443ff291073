#pragma once

#include <cstdint>

#include <pqxx/pqxx>

namespace pitstop {

// Keys of PostgreSQL session advisory locks, shared by every PitStop process
// on one database.
constexpr std::int64_t kSchemaMigrationLockKey = 0x5069745374'0001;  // "PitSt" + 1
constexpr std::int64_t kParkingRefreshLockKey = 0x5069745374'0002;

// A session advisory lock, released when the object is destroyed or the
// connection closes (a killed process never leaves it held). The connection
// must outlive the lock.
class SessionAdvisoryLock {
 public:
  // Waits for the lock when `wait` is true; otherwise tries once, and
  // held() returns false when another session has it.
  SessionAdvisoryLock(pqxx::connection& connection, std::int64_t key, bool wait);
  ~SessionAdvisoryLock();
  SessionAdvisoryLock(const SessionAdvisoryLock&) = delete;
  SessionAdvisoryLock& operator=(const SessionAdvisoryLock&) = delete;

  bool held() const { return held_; }

 private:
  pqxx::connection& connection_;
  std::int64_t key_;
  bool held_ = false;
};

}  // namespace pitstop
