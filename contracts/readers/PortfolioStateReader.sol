// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PortfolioManager} from "../PortfolioManager.sol";

/// @notice The views this reader reads from the pieces a portfolio's positions point at.
interface IStateFeed {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
    function decimals() external view returns (uint8);
}

interface IStateMarket {
    function storedMarket(address token) external view returns (uint64, uint256, uint256, uint256, uint256, uint256);
    function rateModel(address token) external view returns (uint256, uint256, uint256, uint256, uint256);
}

interface IStateVault {
    function asset() external view returns (address);
    function totalAssets() external view returns (uint256);
    function totalSupply() external view returns (uint256);
    function decimals() external view returns (uint8);
}

/// @title PortfolioStateReader
/// @notice A deployless reader (see PoolSnapshotReader): for one portfolio it returns, in one `eth_call`, the
///         state its positions' Records are computed from rather than the Records themselves, so that the
///         bindings (bindings/src/Portfolio.ts) can value it at another time and other prices: the positions
///         with their producer-side data, the token registry entries and feed answers the Portfolio Manager
///         reads, the money markets' stored states and the ERC-4626 vaults' totals.
/// @dev Output: one uint256[] (layout in docs/portfolio.md, decoded by bindings/src/Portfolio.ts):
///      header [VERSION, block.timestamp, block.number, tailRecordUsdDebt, positions, tokens, markets, vaults],
///      then POSITION_WORDS per position, TOKEN_WORDS per token, MARKET_WORDS per (market, token), VAULT_WORDS
///      per vault. A producer's kind is recognised by the views it answers (its public mappings).
contract PortfolioStateReader {
    uint256 internal constant VERSION = 1;
    uint256 internal constant HEADER_WORDS = 8;
    uint256 internal constant POSITION_WORDS = 8;
    uint256 internal constant TOKEN_WORDS = 11;
    uint256 internal constant MARKET_WORDS = 12;
    uint256 internal constant VAULT_WORDS = 5;

    // Kinds (bindings/src/Portfolio.ts PositionKind).
    uint256 internal constant UNKNOWN = 0;
    uint256 internal constant DEPOSIT = 1;
    uint256 internal constant LEND = 2;
    uint256 internal constant BORROW = 3;
    uint256 internal constant ERC4626 = 4;
    uint256 internal constant MAKER = 5;
    uint256 internal constant TAKER = 6;
    uint256 internal constant BUNDLE = 7;
    uint256 internal constant UNISWAP_V3 = 8;

    struct Lists {
        address[] tokens;
        uint256 nTokens;
        address[] markets; // market address, paired with marketTokens
        address[] marketTokens;
        uint256 nMarkets;
        address[] vaults;
        uint256 nVaults;
    }

    constructor(PortfolioManager pm, address owner, uint256 portfolioId) {
        PortfolioManager.Position[] memory ps = pm.positions(owner, portfolioId);
        uint256 n = ps.length;
        uint256[] memory pos = new uint256[](n * POSITION_WORDS);
        Lists memory l;
        l.tokens = new address[](2 * n);
        l.markets = new address[](n);
        l.marketTokens = new address[](n);
        l.vaults = new address[](n);
        for (uint256 i; i < n; ++i) _position(ps[i].producer, ps[i].assetId, pos, i * POSITION_WORDS, l);

        uint256[] memory out = new uint256[](
            HEADER_WORDS + pos.length + l.nTokens * TOKEN_WORDS + l.nMarkets * MARKET_WORDS + l.nVaults * VAULT_WORDS
        );
        (out[0], out[1], out[2], out[3]) = (VERSION, block.timestamp, block.number, pm.tailRecordUsdDebt());
        (out[4], out[5], out[6], out[7]) = (n, l.nTokens, l.nMarkets, l.nVaults);
        uint256 k = HEADER_WORDS;
        for (uint256 i; i < pos.length; ++i) out[k++] = pos[i];
        for (uint256 i; i < l.nTokens; ++i) k = _token(pm, l.tokens[i], out, k);
        for (uint256 i; i < l.nMarkets; ++i) k = _market(l.markets[i], l.marketTokens[i], out, k);
        for (uint256 i; i < l.nVaults; ++i) k = _vault(l.vaults[i], out, k);
        bytes memory ret = abi.encode(out);
        assembly ("memory-safe") {
            return(add(ret, 32), mload(ret))
        }
    }

    /// @dev Writes [producer, assetId, kind, w0..w4] and notes the tokens, markets and vaults it reads.
    ///      deposit: token, amount | lend: token, shares, market | borrow: token, shares, market, window |
    ///      erc4626: vault, shares, asset, riskPips | maker, taker, bundle, uniswapV3: pool, token0, token1.
    function _position(address producer, uint256 assetId, uint256[] memory pos, uint256 at, Lists memory l) private view {
        pos[at] = uint160(producer);
        pos[at + 1] = assetId;
        (bool ok, uint256[] memory w) = _probe(producer, abi.encodeWithSignature("makers(uint256)", assetId), 4);
        uint256 kind = ok ? MAKER : UNKNOWN;
        if (!ok) {
            (ok, w) = _probe(producer, abi.encodeWithSignature("takers(uint256)", assetId), 4);
            if (ok) kind = TAKER;
        }
        if (!ok) {
            (ok, w) = _probe(producer, abi.encodeWithSignature("bundles(uint256)", assetId), 7);
            if (ok) kind = BUNDLE;
        }
        if (!ok) {
            (bool isV3,) = _probe(producer, abi.encodeWithSignature("positionManager()"), 1);
            if (isV3) {
                (ok, w) = _probe(producer, abi.encodeWithSignature("positions(uint256)", assetId), 3);
                if (ok) (kind, w[0]) = (UNISWAP_V3, w[1]);
            }
        }
        if (ok) {
            // Pool-priced: the pool and its tokens (their Records' tokens); the pool's own state is read
            // by the pool reader.
            address pool = address(uint160(w[0]));
            (pos[at + 2], pos[at + 3]) = (kind, uint160(pool));
            (bool ok0, uint256[] memory t0) = _probe(pool, abi.encodeWithSignature("token0()"), 1);
            (bool ok1, uint256[] memory t1) = _probe(pool, abi.encodeWithSignature("token1()"), 1);
            if (ok0 && ok1) {
                (pos[at + 4], pos[at + 5]) = (t0[0], t1[0]);
                _addToken(l, address(uint160(t0[0])));
                _addToken(l, address(uint160(t1[0])));
            }
            return;
        }
        (ok, w) = _probe(producer, abi.encodeWithSignature("lends(uint256)", assetId), 2);
        if (ok) {
            (bool okm, uint256[] memory m) = _probe(producer, abi.encodeWithSignature("market()"), 1);
            if (okm) {
                _money(pos, at, LEND, w, address(uint160(m[0])), l);
                return;
            }
        }
        (ok, w) = _probe(producer, abi.encodeWithSignature("borrows(uint256)", assetId), 2);
        if (ok) {
            (bool okm, uint256[] memory m) = _probe(producer, abi.encodeWithSignature("market()"), 1);
            (bool okw, uint256[] memory win) = _probe(producer, abi.encodeWithSignature("liquidationWindow()"), 1);
            if (okm && okw) {
                _money(pos, at, BORROW, w, address(uint160(m[0])), l);
                pos[at + 6] = win[0];
                return;
            }
        }
        (ok, w) = _probe(producer, abi.encodeWithSignature("deposits(uint256)", assetId), 2);
        if (ok) {
            (pos[at + 2], pos[at + 3], pos[at + 4]) = (DEPOSIT, w[0], w[1]);
            _addToken(l, address(uint160(w[0])));
            return;
        }
        if (_erc4626(producer, assetId, pos, at, l)) return;
        pos[at + 2] = UNKNOWN;
    }

    function _erc4626(address producer, uint256 assetId, uint256[] memory pos, uint256 at, Lists memory l) private view returns (bool) {
        (bool ok, uint256[] memory w) = _probe(producer, abi.encodeWithSignature("positions(uint256)", assetId), 2);
        if (!ok) return false;
        address vault = address(uint160(w[0]));
        (bool okc, uint256[] memory c) = _probe(producer, abi.encodeWithSignature("vaults(address)", vault), 2);
        (bool oka, uint256[] memory a) = _probe(vault, abi.encodeWithSignature("asset()"), 1);
        if (!okc || !oka) return false;
        (pos[at + 2], pos[at + 3], pos[at + 4]) = (ERC4626, w[0], w[1]);
        (pos[at + 5], pos[at + 6]) = (a[0], c[1]);
        _addToken(l, address(uint160(a[0])));
        for (uint256 k; k < l.nVaults; ++k) if (l.vaults[k] == vault) return true;
        l.vaults[l.nVaults++] = vault;
        return true;
    }

    function _money(uint256[] memory pos, uint256 at, uint256 kind, uint256[] memory w, address market, Lists memory l) private pure {
        (pos[at + 2], pos[at + 3], pos[at + 4], pos[at + 5]) = (kind, w[0], w[1], uint160(market));
        address token = address(uint160(w[0]));
        _addToken(l, token);
        bool seen;
        for (uint256 k; k < l.nMarkets && !seen; ++k) seen = l.markets[k] == market && l.marketTokens[k] == token;
        if (!seen) (l.markets[l.nMarkets], l.marketTokens[l.nMarkets++]) = (market, token);
    }

    function _addToken(Lists memory l, address t) private pure {
        for (uint256 k; k < l.nTokens; ++k) if (l.tokens[k] == t) return;
        l.tokens[l.nTokens++] = t;
    }

    /// @dev [token, registered, tail, decimals, maxAge, varianceX64, feed, feedOk, answer, feedDecimals, updatedAt]:
    ///      the registry entry and the raw feed round (feedOk = 0 when the feed reverted, as the PM's InvalidPrice).
    function _token(PortfolioManager pm, address t, uint256[] memory out, uint256 k) private view returns (uint256) {
        out[k] = uint160(t);
        address feed = _info(pm, t, out, k);
        if (feed != address(0)) _feed(feed, out, k);
        return k + TOKEN_WORDS;
    }

    function _feed(address feed, uint256[] memory out, uint256 k) private view {
        (bool ok, uint256[] memory round) = _probe(feed, abi.encodeWithSignature("latestRoundData()"), 5);
        if (!ok) return;
        (bool okd, uint256[] memory fd) = _probe(feed, abi.encodeWithSignature("decimals()"), 1);
        if (!okd) return;
        (out[k + 7], out[k + 8]) = (1, round[1]);
        (out[k + 9], out[k + 10]) = (fd[0], round[3]);
    }

    function _info(PortfolioManager pm, address t, uint256[] memory out, uint256 k) private view returns (address feed) {
        (bool registered, bool tail, uint8 dec, uint32 maxAge, uint96 v, address f) = pm.tokenInfo(t);
        (out[k + 1], out[k + 2], out[k + 3]) = (registered ? 1 : 0, tail ? 1 : 0, dec);
        (out[k + 4], out[k + 5], out[k + 6]) = (maxAge, v, uint160(f));
        feed = f;
    }

    /// @dev [market, token, lastAccrual, lendIndexX64, borrowIndexX64, totalLendShares, totalBorrowShares,
    ///      baseRateX64, slope1X64, kinkX64, slope2X64, reserveShareX64].
    function _market(address market, address token, uint256[] memory out, uint256 k) private view returns (uint256) {
        (out[k], out[k + 1]) = (uint160(market), uint160(token));
        (out[k + 2], out[k + 3], out[k + 4], out[k + 5], out[k + 6],) = IStateMarket(market).storedMarket(token);
        (out[k + 7], out[k + 8], out[k + 9], out[k + 10], out[k + 11]) = IStateMarket(market).rateModel(token);
        return k + MARKET_WORDS;
    }

    /// @dev [vault, asset, totalAssets, totalSupply, 10^decimalsOffset] (OpenZeppelin ERC4626's virtual shares).
    function _vault(address vault, uint256[] memory out, uint256 k) private view returns (uint256) {
        IStateVault v = IStateVault(vault);
        address asset = v.asset();
        uint8 vd = v.decimals();
        (bool ok, uint256[] memory ad) = _probe(asset, abi.encodeWithSignature("decimals()"), 1);
        uint256 assetDecimals = ok ? ad[0] : 18;
        uint256 offset = vd > assetDecimals ? vd - assetDecimals : 0;
        (out[k], out[k + 1], out[k + 2]) = (uint160(vault), uint160(asset), v.totalAssets());
        (out[k + 3], out[k + 4]) = (v.totalSupply(), 10 ** offset);
        return k + VAULT_WORDS;
    }

    /// @dev A static call that succeeded and returned at least `words` words (decoded as words).
    function _probe(address target, bytes memory data, uint256 words) private view returns (bool ok, uint256[] memory w) {
        if (target.code.length == 0) return (false, w);
        bytes memory ret;
        (ok, ret) = target.staticcall(data);
        if (!ok || ret.length < words * 32) return (false, w);
        w = new uint256[](words);
        for (uint256 i; i < words; ++i) {
            uint256 x;
            assembly ("memory-safe") {
                x := mload(add(ret, add(32, mul(32, i))))
            }
            w[i] = x;
        }
    }
}
