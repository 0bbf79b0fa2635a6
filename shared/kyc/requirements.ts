import type { UserActor } from '../auth/actor.js';
import { KycRequirements } from '../db/entities/kyc-requirements.js';
import { isConditionalCheckFailed } from '../db/errors.js';
import { ConflictError } from '../errors.js';
import { orgId } from '../settings/service.js';
import { kycDocType, kycDocTypes, type CustomerType, type KycDocType, type KycRequirements as Requirements, type KycRequirementsView } from './schemas.js';

/** Until an admin saves their own: individuals prove who and where they are, companies who and that they exist. */
export const defaultKycRequirements: Requirements = {
  individual: ['identity', 'proof_of_address'],
  corporate: ['identity', 'business_registration'],
};

/** Known types only, each once, in the canonical order. */
export function normaliseTypes(types: readonly string[]): KycDocType[] {
  const wanted = new Set(types.filter((t) => kycDocType.safeParse(t).success));
  return kycDocTypes.filter((t) => wanted.has(t));
}

/** The requirements in force (the defaults at version 1 until saved). */
export async function getKycRequirements(): Promise<KycRequirementsView> {
  const { data } = await KycRequirements.get({ orgId }).go();
  if (!data) return { ...defaultKycRequirements, version: 1 };
  return { individual: normaliseTypes(data.individual), corporate: normaliseTypes(data.corporate), version: data.version, updatedAt: data.updatedAt };
}

export async function requiredTypes(customerType: CustomerType): Promise<KycDocType[]> {
  return (await getKycRequirements())[customerType];
}

const versionConflict = (version: number) =>
  new ConflictError('version_conflict', 'The KYC requirements were changed by someone else; reload and try again', { version });

/** Replaces the requirements if the caller saw the latest version (optimistic locking). */
export async function updateKycRequirements(input: Requirements & { version: number }, actor: UserActor): Promise<KycRequirementsView> {
  const individual = normaliseTypes(input.individual);
  const corporate = normaliseTypes(input.corporate);
  const { data: current } = await KycRequirements.get({ orgId }).go();
  try {
    if (!current) {
      // Never saved: the defaults are version 1, the first save makes version 2.
      if (input.version !== 1) throw versionConflict(input.version);
      const { data } = await KycRequirements.create({ orgId, individual, corporate, version: 2, updatedBy: actor.userId }).go();
      return { individual, corporate, version: data.version, updatedAt: data.updatedAt };
    }
    const { data } = await KycRequirements.patch({ orgId })
      .set({ individual, corporate, version: input.version + 1, updatedBy: actor.userId })
      .where(({ version }, { eq }) => eq(version, input.version))
      .go({ response: 'all_new' });
    return { individual, corporate, version: data.version, updatedAt: data.updatedAt };
  } catch (err) {
    if (isConditionalCheckFailed(err)) throw versionConflict(input.version);
    throw err;
  }
}
