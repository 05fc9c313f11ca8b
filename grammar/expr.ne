# diffscope expression grammar (nearley + moo). Compile with `npm run grammar`.
#
# One nonterminal (family) per precedence level, loosest first:
#   Sum                          a + b, a - b        (left-associative)
#   Term, IndexSum               Σ_j a_j b_j         a sum over an index takes the whole term after
#                                                    it (up to the next top-level + or -); only first
#                                                    in a term, after a sign, or nested (Σ_j Σ_i …)
#   Product…                     a * b, a / b        (left-associative)
#   Chain…, NumberLed…           2x, x y, 2(x+1)     implicit products: tighter than * and /
#   SignedNumber, SignedOther    -a, +a              only first in a chain: -2x = (-2)x;
#                                                    looser than powers: -x^2 = -(x^2)
#   OpenPower, NumberPower       a ^ b, a ** b, a .^ b  right-associative; 2^-3 is allowed
#   Open, Number                 names, calls, ( … ), [1, 2; 3, 4], a' (transpose), numbers
#                                (decimal, or 0x1F, 0b101, 0o17: the lexer gives all as %number)
#
# The typed operators (.* ./ .^, ', [ ]) parse everywhere; the scalar reader (build.ts) refuses
# them and the typed reader (src/typed) gives them their vector and matrix meaning.
#
# Implicit multiplication follows mathjs exactly, which needs a few extra distinctions that
# the nonterminal names carry (everything else is the usual precedence ladder):
#   - A number may follow an operand only if that operand is "open" (a name, a call or a
#     parenthesis): `x 2` and `(2)3` are products, `2 3` and `x^2 3` are errors.
#   - mathjs's "rule 2": `[sign]number / number` followed by a name or "(" is a division that
#     binds tighter than the implicit product: 1/2x = (1/2)x, 6/2(1+2) = 9. A `Ratio` is that
#     division; it must be followed by an operand. Conversely a dividend that ends in a
#     number ("...EndingInNumber") may not take as divisor a chain that starts with a bare
#     number followed by more operands ("NumberLed…"), since rule 2 groups that first.
# So every valid input has exactly one parse; test/parse checks it over a random corpus.

@preprocessor typescript

@{%
import { grammarLexer as lexer } from "./lexer.js";
import {
  absoluteValue,
  bareCall,
  bareNumberOperand,
  binary,
  bracedFunctionPower,
  braced,
  bracedOperand,
  derivativeNotation,
  digitFraction,
  fraction,
  functionPower,
  indexedRoot,
  innerProduct,
  norm,
  poweredBareCall,
  squareRoot,
  exponent,
  firstExponent,
  firstItem,
  functionCall,
  implicitProduct,
  sumOverIndex,
  matrixLiteral,
  nameReference,
  nextExponent,
  nextItem,
  nextSeparatedItem,
  numberLiteral,
  openOperand,
  parenthesized,
  powerTower,
  signed,
  signedExponent,
  signedNumber,
  transposed,
} from "./syntax.js";
%}

@lexer lexer

Expression -> Sum  {% id %}

# ---- + and - ----
Sum -> Term                   {% id %}
     | Sum %plus Term         {% binary %}
     | Sum %minus Term        {% binary %}

# ---- Σ_j …: a sum over an index, whose body is the rest of its term ----
# Σ_j a_j b_j + c is (Σ_j a_j b_j) + c; -Σ_j … and Σ_j Σ_i … nest; a Product never contains a
# sum, so each term has one reading.
Term -> Product               {% id %}
      | IndexSum              {% id %}
IndexSum -> %indexSum Term    {% sumOverIndex %}
          | Sign IndexSum     {% signed %}

# ---- explicit * and / ----
Product -> ProductEndingInNumber  {% id %}
         | ProductOther           {% id %}

ProductEndingInNumber -> ImplicitEndingInNumber                              {% id %}
                       | Product %times ImplicitEndingInNumber               {% binary %}
                       | ProductOther %divide ImplicitEndingInNumber         {% binary %}
                       | ProductEndingInNumber %divide DivisorEndingInNumber {% binary %}

ProductOther -> ImplicitOther                                 {% id %}
              | Product %times ImplicitOther                  {% binary %}
              | ProductOther %divide ImplicitOther            {% binary %}
              | ProductEndingInNumber %divide DivisorOther    {% binary %}

# Complete implicit products (a chain may not end in a Ratio).
ImplicitEndingInNumber -> Number {% id %} | ChainNumber {% id %} | NumberLedNumber {% id %}
ImplicitOther -> ChainOpen {% id %} | ChainClosed {% id %} | NumberLedOpen {% id %} | NumberLedClosed {% id %}
               | ChainBareEnd {% id %} | NumberLedBareEnd {% id %}
# The same, minus the chains led by a bare number (the divisor after a number, see rule 2).
DivisorEndingInNumber -> Number {% id %} | ChainNumber {% id %}
DivisorOther -> ChainOpen {% id %} | ChainClosed {% id %} | ChainBareEnd {% id %}

# ---- implicit multiplication: chains of operands side by side ----
# Chains not led by a bare number that is then multiplied, by how they end.
ChainOpen -> Open                           {% id %}
           | ChainAny Open                  {% implicitProduct %}
ChainClosed -> OpenPower                    {% id %}
             | NumberPower                  {% id %}
             | SignedOther                  {% id %}
             | ChainAny OpenPower           {% implicitProduct %}
             | ChainOpen NumberPower        {% implicitProduct %}
             | BareCall                     {% id %}
             | ChainAny BareCall            {% implicitProduct %}
ChainNumber -> SignedNumber                 {% id %}
             | ChainOpen Number             {% implicitProduct %}
ChainRatio -> Ratio                         {% id %}
            | SignedRatio                   {% id %}
            | ChainOpen Ratio               {% implicitProduct %}
ChainAny -> ChainOpen {% id %} | ChainClosed {% id %} | ChainNumber {% id %} | ChainRatio {% id %}

# Chains led by a bare number followed by more operands: 2x, 2 sin(x) cos(x), 3(x+1).
NumberLedOpen -> Number Open                      {% implicitProduct %}
               | NumberLedAny Open                {% implicitProduct %}
NumberLedClosed -> Number OpenPower               {% implicitProduct %}
                 | NumberLedAny OpenPower         {% implicitProduct %}
                 | NumberLedOpen NumberPower      {% implicitProduct %}
                 | Number BareCall                {% implicitProduct %}
                 | NumberLedAny BareCall          {% implicitProduct %}
NumberLedNumber -> NumberLedOpen Number           {% implicitProduct %}
NumberLedRatio -> NumberLedOpen Ratio             {% implicitProduct %}
NumberLedAny -> NumberLedOpen {% id %} | NumberLedClosed {% id %} | NumberLedNumber {% id %} | NumberLedRatio {% id %}
# A function applied to a bare number (\sin 2) ends its chain: \sin 2 x is \sin(2x), never (\sin 2) x.
ChainBareEnd -> BareEnd                           {% id %}
              | ChainAny BareEnd                  {% implicitProduct %}
NumberLedBareEnd -> Number BareEnd                {% implicitProduct %}
                  | NumberLedAny BareEnd          {% implicitProduct %}
BareEnd -> BareCallNumber {% id %} | Sign BareCallNumber {% signed %}

# ---- functions applied without parentheses: \sin x, \ln x^2, \sin 2x, tanh^2 x, √x ----
# The argument is one operand, with its power and a number before it; what follows multiplies
# the result (\sin x \cos x, \sin x y = sin(x) y). A power right after the function raises it.
BareCall -> %bareFunction BareArgument                    {% bareCall %}
          | %bareFunction FunctionPower BareArgument      {% poweredBareCall %}
BareCallNumber -> %bareFunction Number                    {% bareCall %}
                | %bareFunction SignedNumber              {% bareCall %}
                | %bareFunction FunctionPower Number      {% poweredBareCall %}
FunctionPower -> %power Number                            {% functionPower %}
               | %power %lbrace Number %rbrace            {% bracedFunctionPower %}
BareArgument -> Open {% id %} | OpenPower {% id %} | NumberPower {% id %} | BareCall {% id %}
              | Number Open                               {% implicitProduct %}
              | Number OpenPower                          {% implicitProduct %}
              | Sign BareArgument                         {% signed %}

# ---- rule 2: [sign]number / number, when a name or "(" follows ----
Ratio -> Number %divide Number                    {% binary %}
SignedRatio -> SignedNumber %divide Number        {% binary %}

# ---- unary signs ----
# A sign directly before a number folds into it (-2 is the number -2); only one sign counts
# for rule 2, as in mathjs.
SignedNumber -> Sign %number                      {% signedNumber %}
SignedOther -> Sign SignedNumber                  {% signed %}
             | Sign SignedOther                   {% signed %}
             | Sign Open                          {% signed %}
             | Sign OpenPower                     {% signed %}
             | Sign NumberPower                   {% signed %}
             | Sign BareCall                      {% signed %}
Sign -> %minus {% id %} | %plus {% id %}

# ---- powers, right-associative: a ^ b ^ c = a ^ (b ^ c) ----
# The exponent is a unary-level expression (2^-3, 2^-x^2 = 2^(-(x^2))). The tower is read
# as a flat left-recursive list: written right-recursively, an Earley parser re-completes
# every open level at each operand, which is quadratic in the height of the tower. Its
# postprocessor makes the node at once and groups the list to the right only when the tree
# is read (postprocessors run at every completion, so they must not walk the list).
OpenPower -> Open PowerTail                       {% powerTower %}
NumberPower -> Number PowerTail                   {% powerTower %}
PowerTail -> Exponent                             {% firstExponent %}
           | PowerTail Exponent                   {% nextExponent %}
Exponent -> %power Operand                        {% exponent %}
          | %power Signs Operand                  {% signedExponent %}
Signs -> Sign                                     {% firstItem %}
       | Signs Sign                               {% nextItem %}
Operand -> Number {% bareNumberOperand %} | Unbraced {% openOperand %} | Braced {% bracedOperand %}

# ---- operands ----
Number -> %number                                 {% numberLiteral %}
Open -> Unbraced {% id %} | Braced {% id %}
# LaTeX's braces group, as parentheses do; e^{…} is exp (see powerTower).
Braced -> %lbrace Sum %rbrace                            {% braced %}
Unbraced -> %name                                        {% nameReference %}
          | %functionName %open Arguments %close         {% functionCall %}
          | %open Sum %close                             {% parenthesized %}
          | %lbracket Rows %rbracket                     {% matrixLiteral %}
          | Open %transpose                              {% transposed %}
          | %frac Braced Braced                          {% fraction %}
          | %fracDigits                                  {% digitFraction %}
          | %sqrt Braced                                 {% squareRoot %}
          | %sqrt %lbracket Sum %rbracket Braced         {% indexedRoot %}
          | %absOpen Sum %absClose                       {% absoluteValue %}
          | %normOpen Sum %normClose                     {% norm %}
          | %derivative                                  {% derivativeNotation %}
          | %langle Sum %comma Sum %rangle               {% innerProduct %}
# [1, 2; 3, 4]: rows split by ";", entries by ","; lists stay linked until their closing
# bracket (matrixLiteral, functionCall), since a list rule completes after every item.
Rows -> Entries                                   {% firstItem %}
      | Rows %semicolon Entries                   {% nextSeparatedItem %}
Entries -> Sum                                    {% firstItem %}
         | Entries %comma Sum                     {% nextSeparatedItem %}
Arguments -> Sum                                  {% firstItem %}
           | Arguments %comma Sum                 {% nextSeparatedItem %}
