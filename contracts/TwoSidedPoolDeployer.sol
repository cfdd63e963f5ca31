// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolDeployer} from "./interfaces/ITwoSidedPoolDeployer.sol";
import {TwoSidedPool} from "./TwoSidedPool.sol";

/// @title TwoSidedPoolCodeHalf
/// @notice Holds data as its code: the deployed code is exactly the constructor argument. The deployer stores each
///         half of the pool's creation code in one, behind a STOP byte so the half cannot be run by a call.
contract TwoSidedPoolCodeHalf {
    constructor(bytes memory code) {
        assembly ("memory-safe") {
            return(add(code, 32), mload(code))
        }
    }
}

/// @title TwoSidedPoolDeployer
/// @notice Holds the pool's creation code so the factory stays under the contract size limit. Created by the
///         factory in its constructor; only the factory may deploy.
/// @dev The creation code (about 26 KB) is larger than one contract may be (24,576 bytes), so the constructor
///      stores it in two TwoSidedPoolCodeHalf contracts and deploy joins the halves again. The code is the same,
///      so pools keep their CREATE2 addresses.
contract TwoSidedPoolDeployer is ITwoSidedPoolDeployer {
    error NotFactory();

    address internal immutable _factory;
    address internal immutable _codeLower; // first half of the creation code, behind a STOP byte
    address internal immutable _codeUpper; // second half, likewise
    // Set only while a pool is being constructed.
    address internal _token0;
    address internal _token1;
    address internal _moneyMarket;
    uint256 internal _config;

    constructor() {
        _factory = msg.sender;
        bytes memory code = type(TwoSidedPool).creationCode;
        uint256 half = code.length / 2;
        _codeLower = _storeCode(code, 0, half);
        _codeUpper = _storeCode(code, half, code.length - half);
    }

    /// @inheritdoc ITwoSidedPoolDeployer
    function parameters()
        external
        view
        override
        returns (address, address, address, address, uint256)
    {
        return (_factory, _token0, _token1, _moneyMarket, _config);
    }

    /// @inheritdoc ITwoSidedPoolDeployer
    function deploy(address token0, address token1, address moneyMarket, uint256 config, bytes32 salt)
        external
        override
        returns (address pool)
    {
        if (msg.sender != _factory) revert NotFactory();
        (_token0, _token1, _moneyMarket, _config) = (token0, token1, moneyMarket, config);
        bytes memory code = _creationCode();
        assembly ("memory-safe") {
            // Equivalent to `new TwoSidedPool{salt: salt}()`, including passing on the constructor's revert.
            pool := create2(0, add(code, 32), mload(code), salt)
            if iszero(pool) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
        (_token0, _token1, _moneyMarket, _config) = (address(0), address(0), address(0), 0);
    }

    /// @dev Deploy a TwoSidedPoolCodeHalf holding a STOP byte and `code[start, start + length)`.
    function _storeCode(bytes memory code, uint256 start, uint256 length) private returns (address) {
        bytes memory data = new bytes(length + 1); // data[0] = 0x00, STOP
        assembly ("memory-safe") {
            mcopy(add(data, 33), add(add(code, 32), start), length)
        }
        return address(new TwoSidedPoolCodeHalf(data));
    }

    /// @dev The pool's creation code: both halves, without their STOP bytes.
    function _creationCode() private view returns (bytes memory code) {
        (address lower, address upper) = (_codeLower, _codeUpper);
        uint256 lowerLength = lower.code.length - 1;
        uint256 upperLength = upper.code.length - 1;
        code = new bytes(lowerLength + upperLength);
        assembly ("memory-safe") {
            extcodecopy(lower, add(code, 32), 1, lowerLength)
            extcodecopy(upper, add(add(code, 32), lowerLength), 1, upperLength)
        }
    }
}
