// What a simulated Workday SOAP operation is: a handler from the request element to the content of its _Response element.
import type { XmlElement, XmlObject } from '../../kit/soap';
import type { WorkdayStore } from '../store';
import type { WorkdaySoapConfig } from './config';

export interface SoapOperationContext {
  store: WorkdayStore;
  config: WorkdaySoapConfig;
  tenant: string;
  service: string;
  /** As in the URL, e.g. v45.0. */
  version: string;
  /** Workday_Common_Header/Include_Reference_Descriptors_In_Response: references carry a Descriptor attribute. */
  includeDescriptors: boolean;
  /** When the request arrived (epoch ms). */
  now: number;
}

export interface SoapOperation {
  /** Web service, as in the URL: Human_Resources, Staffing, Resource_Management, … */
  service: string;
  /** Request element without `_Request`: Get_Workers. */
  operation: string;
  /**
   * Content of `<wd:{operation}_Response>`, unqualified (the dispatcher puts it in the wd
   * namespace). Throws WorkdaySoapFault for a request Workday would refuse.
   */
  handle(request: XmlElement, ctx: SoapOperationContext): XmlObject;
}
