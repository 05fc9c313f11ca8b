// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var plus: any;
declare var minus: any;
declare var indexSum: any;
declare var times: any;
declare var divide: any;
declare var bareFunction: any;
declare var power: any;
declare var lbrace: any;
declare var rbrace: any;
declare var number: any;
declare var name: any;
declare var functionName: any;
declare var open: any;
declare var close: any;
declare var lbracket: any;
declare var rbracket: any;
declare var transpose: any;
declare var frac: any;
declare var fracDigits: any;
declare var sqrt: any;
declare var absOpen: any;
declare var absClose: any;
declare var normOpen: any;
declare var normClose: any;
declare var derivative: any;
declare var langle: any;
declare var comma: any;
declare var rangle: any;
declare var semicolon: any;

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

interface NearleyToken {
  value: any;
  [key: string]: any;
};

interface NearleyLexer {
  reset: (chunk: string, info: any) => void;
  next: () => NearleyToken | undefined;
  save: () => any;
  formatError: (token: never) => string;
  has: (tokenType: string) => boolean;
};

interface NearleyRule {
  name: string;
  symbols: NearleySymbol[];
  postprocess?: (d: any[], loc?: number, reject?: {}) => any;
};

type NearleySymbol = string | { literal: any } | { test: (token: any) => boolean };

interface Grammar {
  Lexer: NearleyLexer | undefined;
  ParserRules: NearleyRule[];
  ParserStart: string;
};

const grammar: Grammar = {
  Lexer: lexer,
  ParserRules: [
    {"name": "Expression", "symbols": ["Sum"], "postprocess": id},
    {"name": "Sum", "symbols": ["Term"], "postprocess": id},
    {"name": "Sum", "symbols": ["Sum", (lexer.has("plus") ? {type: "plus"} : plus), "Term"], "postprocess": binary},
    {"name": "Sum", "symbols": ["Sum", (lexer.has("minus") ? {type: "minus"} : minus), "Term"], "postprocess": binary},
    {"name": "Term", "symbols": ["Product"], "postprocess": id},
    {"name": "Term", "symbols": ["IndexSum"], "postprocess": id},
    {"name": "IndexSum", "symbols": [(lexer.has("indexSum") ? {type: "indexSum"} : indexSum), "Term"], "postprocess": sumOverIndex},
    {"name": "IndexSum", "symbols": ["Sign", "IndexSum"], "postprocess": signed},
    {"name": "Product", "symbols": ["ProductEndingInNumber"], "postprocess": id},
    {"name": "Product", "symbols": ["ProductOther"], "postprocess": id},
    {"name": "ProductEndingInNumber", "symbols": ["ImplicitEndingInNumber"], "postprocess": id},
    {"name": "ProductEndingInNumber", "symbols": ["Product", (lexer.has("times") ? {type: "times"} : times), "ImplicitEndingInNumber"], "postprocess": binary},
    {"name": "ProductEndingInNumber", "symbols": ["ProductOther", (lexer.has("divide") ? {type: "divide"} : divide), "ImplicitEndingInNumber"], "postprocess": binary},
    {"name": "ProductEndingInNumber", "symbols": ["ProductEndingInNumber", (lexer.has("divide") ? {type: "divide"} : divide), "DivisorEndingInNumber"], "postprocess": binary},
    {"name": "ProductOther", "symbols": ["ImplicitOther"], "postprocess": id},
    {"name": "ProductOther", "symbols": ["Product", (lexer.has("times") ? {type: "times"} : times), "ImplicitOther"], "postprocess": binary},
    {"name": "ProductOther", "symbols": ["ProductOther", (lexer.has("divide") ? {type: "divide"} : divide), "ImplicitOther"], "postprocess": binary},
    {"name": "ProductOther", "symbols": ["ProductEndingInNumber", (lexer.has("divide") ? {type: "divide"} : divide), "DivisorOther"], "postprocess": binary},
    {"name": "ImplicitEndingInNumber", "symbols": ["Number"], "postprocess": id},
    {"name": "ImplicitEndingInNumber", "symbols": ["ChainNumber"], "postprocess": id},
    {"name": "ImplicitEndingInNumber", "symbols": ["NumberLedNumber"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["ChainOpen"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["ChainClosed"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["NumberLedOpen"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["NumberLedClosed"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["ChainBareEnd"], "postprocess": id},
    {"name": "ImplicitOther", "symbols": ["NumberLedBareEnd"], "postprocess": id},
    {"name": "DivisorEndingInNumber", "symbols": ["Number"], "postprocess": id},
    {"name": "DivisorEndingInNumber", "symbols": ["ChainNumber"], "postprocess": id},
    {"name": "DivisorOther", "symbols": ["ChainOpen"], "postprocess": id},
    {"name": "DivisorOther", "symbols": ["ChainClosed"], "postprocess": id},
    {"name": "DivisorOther", "symbols": ["ChainBareEnd"], "postprocess": id},
    {"name": "ChainOpen", "symbols": ["Open"], "postprocess": id},
    {"name": "ChainOpen", "symbols": ["ChainAny", "Open"], "postprocess": implicitProduct},
    {"name": "ChainClosed", "symbols": ["OpenPower"], "postprocess": id},
    {"name": "ChainClosed", "symbols": ["NumberPower"], "postprocess": id},
    {"name": "ChainClosed", "symbols": ["SignedOther"], "postprocess": id},
    {"name": "ChainClosed", "symbols": ["ChainAny", "OpenPower"], "postprocess": implicitProduct},
    {"name": "ChainClosed", "symbols": ["ChainOpen", "NumberPower"], "postprocess": implicitProduct},
    {"name": "ChainClosed", "symbols": ["BareCall"], "postprocess": id},
    {"name": "ChainClosed", "symbols": ["ChainAny", "BareCall"], "postprocess": implicitProduct},
    {"name": "ChainNumber", "symbols": ["SignedNumber"], "postprocess": id},
    {"name": "ChainNumber", "symbols": ["ChainOpen", "Number"], "postprocess": implicitProduct},
    {"name": "ChainRatio", "symbols": ["Ratio"], "postprocess": id},
    {"name": "ChainRatio", "symbols": ["SignedRatio"], "postprocess": id},
    {"name": "ChainRatio", "symbols": ["ChainOpen", "Ratio"], "postprocess": implicitProduct},
    {"name": "ChainAny", "symbols": ["ChainOpen"], "postprocess": id},
    {"name": "ChainAny", "symbols": ["ChainClosed"], "postprocess": id},
    {"name": "ChainAny", "symbols": ["ChainNumber"], "postprocess": id},
    {"name": "ChainAny", "symbols": ["ChainRatio"], "postprocess": id},
    {"name": "NumberLedOpen", "symbols": ["Number", "Open"], "postprocess": implicitProduct},
    {"name": "NumberLedOpen", "symbols": ["NumberLedAny", "Open"], "postprocess": implicitProduct},
    {"name": "NumberLedClosed", "symbols": ["Number", "OpenPower"], "postprocess": implicitProduct},
    {"name": "NumberLedClosed", "symbols": ["NumberLedAny", "OpenPower"], "postprocess": implicitProduct},
    {"name": "NumberLedClosed", "symbols": ["NumberLedOpen", "NumberPower"], "postprocess": implicitProduct},
    {"name": "NumberLedClosed", "symbols": ["Number", "BareCall"], "postprocess": implicitProduct},
    {"name": "NumberLedClosed", "symbols": ["NumberLedAny", "BareCall"], "postprocess": implicitProduct},
    {"name": "NumberLedNumber", "symbols": ["NumberLedOpen", "Number"], "postprocess": implicitProduct},
    {"name": "NumberLedRatio", "symbols": ["NumberLedOpen", "Ratio"], "postprocess": implicitProduct},
    {"name": "NumberLedAny", "symbols": ["NumberLedOpen"], "postprocess": id},
    {"name": "NumberLedAny", "symbols": ["NumberLedClosed"], "postprocess": id},
    {"name": "NumberLedAny", "symbols": ["NumberLedNumber"], "postprocess": id},
    {"name": "NumberLedAny", "symbols": ["NumberLedRatio"], "postprocess": id},
    {"name": "ChainBareEnd", "symbols": ["BareEnd"], "postprocess": id},
    {"name": "ChainBareEnd", "symbols": ["ChainAny", "BareEnd"], "postprocess": implicitProduct},
    {"name": "NumberLedBareEnd", "symbols": ["Number", "BareEnd"], "postprocess": implicitProduct},
    {"name": "NumberLedBareEnd", "symbols": ["NumberLedAny", "BareEnd"], "postprocess": implicitProduct},
    {"name": "BareEnd", "symbols": ["BareCallNumber"], "postprocess": id},
    {"name": "BareEnd", "symbols": ["Sign", "BareCallNumber"], "postprocess": signed},
    {"name": "BareCall", "symbols": [(lexer.has("bareFunction") ? {type: "bareFunction"} : bareFunction), "BareArgument"], "postprocess": bareCall},
    {"name": "BareCall", "symbols": [(lexer.has("bareFunction") ? {type: "bareFunction"} : bareFunction), "FunctionPower", "BareArgument"], "postprocess": poweredBareCall},
    {"name": "BareCallNumber", "symbols": [(lexer.has("bareFunction") ? {type: "bareFunction"} : bareFunction), "Number"], "postprocess": bareCall},
    {"name": "BareCallNumber", "symbols": [(lexer.has("bareFunction") ? {type: "bareFunction"} : bareFunction), "SignedNumber"], "postprocess": bareCall},
    {"name": "BareCallNumber", "symbols": [(lexer.has("bareFunction") ? {type: "bareFunction"} : bareFunction), "FunctionPower", "Number"], "postprocess": poweredBareCall},
    {"name": "FunctionPower", "symbols": [(lexer.has("power") ? {type: "power"} : power), "Number"], "postprocess": functionPower},
    {"name": "FunctionPower", "symbols": [(lexer.has("power") ? {type: "power"} : power), (lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "Number", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": bracedFunctionPower},
    {"name": "BareArgument", "symbols": ["Open"], "postprocess": id},
    {"name": "BareArgument", "symbols": ["OpenPower"], "postprocess": id},
    {"name": "BareArgument", "symbols": ["NumberPower"], "postprocess": id},
    {"name": "BareArgument", "symbols": ["BareCall"], "postprocess": id},
    {"name": "BareArgument", "symbols": ["Number", "Open"], "postprocess": implicitProduct},
    {"name": "BareArgument", "symbols": ["Number", "OpenPower"], "postprocess": implicitProduct},
    {"name": "BareArgument", "symbols": ["Sign", "BareArgument"], "postprocess": signed},
    {"name": "Ratio", "symbols": ["Number", (lexer.has("divide") ? {type: "divide"} : divide), "Number"], "postprocess": binary},
    {"name": "SignedRatio", "symbols": ["SignedNumber", (lexer.has("divide") ? {type: "divide"} : divide), "Number"], "postprocess": binary},
    {"name": "SignedNumber", "symbols": ["Sign", (lexer.has("number") ? {type: "number"} : number)], "postprocess": signedNumber},
    {"name": "SignedOther", "symbols": ["Sign", "SignedNumber"], "postprocess": signed},
    {"name": "SignedOther", "symbols": ["Sign", "SignedOther"], "postprocess": signed},
    {"name": "SignedOther", "symbols": ["Sign", "Open"], "postprocess": signed},
    {"name": "SignedOther", "symbols": ["Sign", "OpenPower"], "postprocess": signed},
    {"name": "SignedOther", "symbols": ["Sign", "NumberPower"], "postprocess": signed},
    {"name": "SignedOther", "symbols": ["Sign", "BareCall"], "postprocess": signed},
    {"name": "Sign", "symbols": [(lexer.has("minus") ? {type: "minus"} : minus)], "postprocess": id},
    {"name": "Sign", "symbols": [(lexer.has("plus") ? {type: "plus"} : plus)], "postprocess": id},
    {"name": "OpenPower", "symbols": ["Open", "PowerTail"], "postprocess": powerTower},
    {"name": "NumberPower", "symbols": ["Number", "PowerTail"], "postprocess": powerTower},
    {"name": "PowerTail", "symbols": ["Exponent"], "postprocess": firstExponent},
    {"name": "PowerTail", "symbols": ["PowerTail", "Exponent"], "postprocess": nextExponent},
    {"name": "Exponent", "symbols": [(lexer.has("power") ? {type: "power"} : power), "Operand"], "postprocess": exponent},
    {"name": "Exponent", "symbols": [(lexer.has("power") ? {type: "power"} : power), "Signs", "Operand"], "postprocess": signedExponent},
    {"name": "Signs", "symbols": ["Sign"], "postprocess": firstItem},
    {"name": "Signs", "symbols": ["Signs", "Sign"], "postprocess": nextItem},
    {"name": "Operand", "symbols": ["Number"], "postprocess": bareNumberOperand},
    {"name": "Operand", "symbols": ["Unbraced"], "postprocess": openOperand},
    {"name": "Operand", "symbols": ["Braced"], "postprocess": bracedOperand},
    {"name": "Number", "symbols": [(lexer.has("number") ? {type: "number"} : number)], "postprocess": numberLiteral},
    {"name": "Open", "symbols": ["Unbraced"], "postprocess": id},
    {"name": "Open", "symbols": ["Braced"], "postprocess": id},
    {"name": "Braced", "symbols": [(lexer.has("lbrace") ? {type: "lbrace"} : lbrace), "Sum", (lexer.has("rbrace") ? {type: "rbrace"} : rbrace)], "postprocess": braced},
    {"name": "Unbraced", "symbols": [(lexer.has("name") ? {type: "name"} : name)], "postprocess": nameReference},
    {"name": "Unbraced", "symbols": [(lexer.has("functionName") ? {type: "functionName"} : functionName), (lexer.has("open") ? {type: "open"} : open), "Arguments", (lexer.has("close") ? {type: "close"} : close)], "postprocess": functionCall},
    {"name": "Unbraced", "symbols": [(lexer.has("open") ? {type: "open"} : open), "Sum", (lexer.has("close") ? {type: "close"} : close)], "postprocess": parenthesized},
    {"name": "Unbraced", "symbols": [(lexer.has("lbracket") ? {type: "lbracket"} : lbracket), "Rows", (lexer.has("rbracket") ? {type: "rbracket"} : rbracket)], "postprocess": matrixLiteral},
    {"name": "Unbraced", "symbols": ["Open", (lexer.has("transpose") ? {type: "transpose"} : transpose)], "postprocess": transposed},
    {"name": "Unbraced", "symbols": [(lexer.has("frac") ? {type: "frac"} : frac), "Braced", "Braced"], "postprocess": fraction},
    {"name": "Unbraced", "symbols": [(lexer.has("fracDigits") ? {type: "fracDigits"} : fracDigits)], "postprocess": digitFraction},
    {"name": "Unbraced", "symbols": [(lexer.has("sqrt") ? {type: "sqrt"} : sqrt), "Braced"], "postprocess": squareRoot},
    {"name": "Unbraced", "symbols": [(lexer.has("sqrt") ? {type: "sqrt"} : sqrt), (lexer.has("lbracket") ? {type: "lbracket"} : lbracket), "Sum", (lexer.has("rbracket") ? {type: "rbracket"} : rbracket), "Braced"], "postprocess": indexedRoot},
    {"name": "Unbraced", "symbols": [(lexer.has("absOpen") ? {type: "absOpen"} : absOpen), "Sum", (lexer.has("absClose") ? {type: "absClose"} : absClose)], "postprocess": absoluteValue},
    {"name": "Unbraced", "symbols": [(lexer.has("normOpen") ? {type: "normOpen"} : normOpen), "Sum", (lexer.has("normClose") ? {type: "normClose"} : normClose)], "postprocess": norm},
    {"name": "Unbraced", "symbols": [(lexer.has("derivative") ? {type: "derivative"} : derivative)], "postprocess": derivativeNotation},
    {"name": "Unbraced", "symbols": [(lexer.has("langle") ? {type: "langle"} : langle), "Sum", (lexer.has("comma") ? {type: "comma"} : comma), "Sum", (lexer.has("rangle") ? {type: "rangle"} : rangle)], "postprocess": innerProduct},
    {"name": "Rows", "symbols": ["Entries"], "postprocess": firstItem},
    {"name": "Rows", "symbols": ["Rows", (lexer.has("semicolon") ? {type: "semicolon"} : semicolon), "Entries"], "postprocess": nextSeparatedItem},
    {"name": "Entries", "symbols": ["Sum"], "postprocess": firstItem},
    {"name": "Entries", "symbols": ["Entries", (lexer.has("comma") ? {type: "comma"} : comma), "Sum"], "postprocess": nextSeparatedItem},
    {"name": "Arguments", "symbols": ["Sum"], "postprocess": firstItem},
    {"name": "Arguments", "symbols": ["Arguments", (lexer.has("comma") ? {type: "comma"} : comma), "Sum"], "postprocess": nextSeparatedItem}
  ],
  ParserStart: "Expression",
};

export default grammar;
