#pragma once
// Free-form named values a host attaches to members, transactions and items.

#include <functional>
#include <map>
#include <string>

namespace loyalty {

/// Attribute name → text value ("brand" → "acme"). Conditions read them as `item.attr.brand`.
using Attributes = std::map<std::string, std::string, std::less<>>;

}  // namespace loyalty
