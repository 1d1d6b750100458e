#pragma once
/// The operators of the policy language (unary, binary, quantifiers), shared by the AST and the
/// checked model: how each is spelled in source and how tightly it binds. The one table for every
/// layer that prints or explains an expression (ast dumps, the checker's messages, the
/// formatter, plan rendering). Pure functions.

#include <cstdint>
#include <string_view>

namespace treaty::ast {

enum class UnaryOp : uint8_t { kNot, kNeg };

enum class BinaryOp : uint8_t { kAnd, kOr, kEq, kNe, kLt, kLe, kGt, kGe, kAdd, kSub, kMul, kDiv };

enum class Quantifier : uint8_t { kAny, kAll, kNone };

/// "and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/".
std::string_view Spelling(BinaryOp op);

/// Precedence levels of the grammar, loosest first (grammar/Treaty.g4 `expr` .. `primary`):
/// an operand whose level is below the one its position asks for needs parentheses. kRel is
/// also the level of `in`, quantifiers and `is present`/`is absent`.
enum Level : int { kOr = 1, kAnd, kNot, kRel, kAdd, kMul, kNeg, kPostfix, kPrimary };

Level LevelOf(BinaryOp op);
Level LevelOf(UnaryOp op);

}  // namespace treaty::ast
