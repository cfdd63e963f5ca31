// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IProducer, Record} from "../../interfaces/IProducer.sol";
import {IPortfolioManager} from "../../interfaces/IPortfolioManager.sol";

/// @title MaliciousProducer
/// @notice A producer that governance registered by mistake. Its Records say whatever it is told,
///         and while the PM destroys one of its assets it runs an attack call (any target, any data)
///         and records how it ended, so tests can show what the PM and the other producers refuse.
contract MaliciousProducer is IProducer {
    IPortfolioManager public immutable pm;
    uint256 public lastAssetId;
    mapping(uint256 => Record) internal _records;

    address public attackTarget;
    bytes public attackData;
    bool public lastAttackOk;
    bytes public lastAttackData;

    constructor(IPortfolioManager pm_) {
        pm = pm_;
    }

    /// @notice Creates an asset with the given one-token Record and installs it for `owner`.
    function installFor(address owner, uint256 portfolioId, address token, uint256 credit, uint256 debt)
        external
        returns (uint256 assetId)
    {
        assetId = ++lastAssetId;
        setRecord(assetId, token, credit, debt);
        pm.install(owner, portfolioId, assetId);
    }

    function setRecord(uint256 assetId, address token, uint256 credit, uint256 debt) public {
        Record storage r = _records[assetId];
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        (r.tokens[0], r.credit[0], r.debt[0]) = (token, credit, debt);
    }

    function setAttack(address target, bytes calldata data) external {
        (attackTarget, attackData) = (target, data);
    }

    /// @notice Runs the attack now (outside any destroy).
    function attack() external returns (bool ok, bytes memory ret) {
        (ok, ret) = attackTarget.call(attackData);
        (lastAttackOk, lastAttackData) = (ok, ret);
    }

    function record(uint256 assetId) external view returns (Record memory) {
        return _records[assetId];
    }

    function referenceRecord(uint256 assetId) external view returns (Record memory) {
        return _records[assetId];
    }

    function userRecords(uint256 assetId) external view returns (Record memory spot, Record memory atReference) {
        (spot, atReference) = (_records[assetId], _records[assetId]);
    }

    /// @notice When set, batch answers carry one Record fewer than asked for.
    bool public answerShort;

    function setAnswerShort(bool short) external {
        answerShort = short;
    }

    function records(uint256[] calldata assetIds, bool) external view returns (Record[] memory recs) {
        recs = new Record[](assetIds.length - (answerShort ? 1 : 0));
        for (uint256 i; i < recs.length; ++i) recs[i] = _records[assetIds[i]];
    }

    function valuations(uint256[] calldata assetIds, bool)
        external
        view
        returns (Record[] memory spot, Record[] memory atReference)
    {
        spot = new Record[](assetIds.length - (answerShort ? 1 : 0));
        for (uint256 i; i < spot.length; ++i) spot[i] = _records[assetIds[i]];
        atReference = new Record[](0);
    }

    function destroy(uint256 assetId, address) external {
        delete _records[assetId];
        if (attackTarget != address(0)) {
            (bool ok, bytes memory ret) = attackTarget.call(attackData);
            (lastAttackOk, lastAttackData) = (ok, ret);
        }
    }
}
