import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

// Constructing the pack starts the analyzer the Pulumi CLI talks to; tests import ./policies.
new PolicyPack("alicloud-eni", { policies: POLICIES });
