// The ranked English vocabulary of opis-gen's body text (see vocabulary.cpp
// for how the order is the frequency model).
#pragma once

#include <span>
#include <string_view>

namespace opis {

/// Every word once, most frequent first. Built on first use; thread-safe.
std::span<const std::string_view> vocabulary();

}  // namespace opis
